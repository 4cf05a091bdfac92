package io.qmoe.cli;

import picocli.CommandLine;

/** Version strings of qmoe and the libraries that decide its numbers, for {@code --version} and run files. */
public final class Versions implements CommandLine.IVersionProvider {
    /** The qmoe version. */
    public static final String QMOE = "0.1.0";
    /** The Strange version qmoe is built against. */
    public static final String STRANGE = "0.1.3";

    @Override
    public String[] getVersion() {
        return new String[] {"qmoe " + QMOE + " (Strange " + STRANGE + ", Java " + System.getProperty("java.version")
                + ")"};
    }
}
