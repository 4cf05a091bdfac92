package io.qmoe.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetCsvTest {
    @Test
    void readsHeaderAndRows() {
        Dataset d = DatasetCsv.parse("# comment\nx0,x1,y\n0.5,1,2\n\n-1,2e-3,0.25\n", "d.csv");
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.featureNames()).containsExactly("x0", "x1");
        assertThat(d.features(1)).containsExactly(-1, 2e-3);
        assertThat(d.target(0)).isEqualTo(2.0);
    }

    @Test
    void formatRoundTripsExactly() {
        Dataset d = DatasetCsv.parse("x,y\n0.1,0.30000000000000004\n" + Math.PI + ",-1e-300\n", "d.csv");
        Dataset back = DatasetCsv.parse(DatasetCsv.format(d), "again.csv");
        assertThat(back.targets()).isEqualTo(d.targets());
        assertThat(back.features(1)).isEqualTo(d.features(1));
    }

    @Test
    void nanNamesLineAndColumn() {
        assertThatThrownBy(() -> DatasetCsv.parse("x0,y\n1,2\n3, NaN\n", "d.csv"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("d.csv:3:4: 'NaN' in column 'y' is not a finite number");
    }

    @Test
    void badNumberNamesLineAndColumn() {
        assertThatThrownBy(() -> DatasetCsv.parse("x0,x1,y\n1,abc,2\n", "d.csv"))
                .hasMessage("d.csv:2:3: 'abc' in column 'x1' is not a number");
    }

    @Test
    void missingColumn() {
        assertThatThrownBy(() -> DatasetCsv.parse("x0,x1,y\n1,2\n", "d.csv"))
                .hasMessage("d.csv:2:1: expected 3 columns (x0,x1,y) but found 2");
    }

    @Test
    void emptyAndHeaderOnly() {
        assertThatThrownBy(() -> DatasetCsv.parse("", "d.csv")).hasMessageContaining("d.csv: empty file");
        assertThatThrownBy(() -> DatasetCsv.parse("x,y\n", "d.csv")).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> DatasetCsv.parse("y\n1\n", "d.csv")).hasMessageContaining("d.csv:1:1: header");
    }

    @Test
    void onlyPlainDecimalNumbersAreNumbers() {
        // Double.parseDouble would take all of these
        for (String cell : new String[] {"0.5d", "1f", "0x1p-2", "1\u0000", "\u00001", "1_0", "+-1", "1e", ".", "e5",
            "Infinity", "1.5.2"}) {
            assertThatThrownBy(() -> DatasetCsv.parse("x,y\n1," + cell + "\n", "d.csv")).as(cell)
                    .isInstanceOf(DatasetException.class).hasMessageStartingWith("d.csv:2:3: ")
                    .hasMessageNotContaining("\n");
        }
        Dataset d = DatasetCsv.parse("x,y\n+1.,-.5\n1E3,2e-2\n 7 , 0012.50 \n", "d.csv");
        assertThat(d.features(0)).containsExactly(1.0);
        assertThat(d.targets()).containsExactly(-0.5, 0.02, 12.5);
        assertThat(d.features(1)).containsExactly(1000.0);
    }

    @Test
    void nanInfinityAndOverflowAreLocated() {
        assertThatThrownBy(() -> DatasetCsv.parse("x,y\n1,inf\n", "d.csv"))
                .hasMessage("d.csv:2:3: 'inf' in column 'y' is not a finite number");
        assertThatThrownBy(() -> DatasetCsv.parse("x,y\n-nan,1\n", "d.csv"))
                .hasMessage("d.csv:2:1: '-nan' in column 'x' is not a finite number");
        assertThatThrownBy(() -> DatasetCsv.parse("x,y\n1e999,1\n", "d.csv"))
                .hasMessage("d.csv:2:1: '1e999' in column 'x' is not a finite number");
    }

    @Test
    void aFirstRowOfNumbersIsRefusedNotLost() {
        assertThatThrownBy(() -> DatasetCsv.parse("0.5,1\n0.7,2\n", "d.csv"))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("d.csv:1:1: the first row '0.5,1' holds only numbers")
                .hasMessageContaining("header");
    }
}
