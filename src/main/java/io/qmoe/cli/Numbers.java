package io.qmoe.cli;

/** Parses comma-separated numbers given on the command line, naming the option on error. */
final class Numbers {
    private Numbers() {
    }

    /** Parses {@code "0.1, pi/2, 2"}-style lists: each entry a number or a constant expression with pi. */
    static double[] parseList(String option, String text) {
        if (text == null || text.isBlank()) {
            return new double[0];
        }
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            try {
                out[i] = io.qmoe.circuit.AngleExpression.parse(p, name -> false).constantValue();
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new UserInputException(option + ": entry " + (i + 1) + " '" + shown(p) + "' is not a number ("
                        + e.getMessage().lines().findFirst().orElse("") + "; numbers and pi expressions such as pi/4 "
                        + "are accepted)");
            }
            if (!Double.isFinite(out[i])) {
                throw new UserInputException(option + ": entry " + (i + 1) + " '" + shown(p) + "' is not finite");
            }
        }
        return out;
    }

    /** The user's text as shown in a message: at most 40 characters. */
    static String shown(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** Parses a comma-separated list of positive integers. */
    static int[] parsePositiveInts(String option, String text) {
        String[] parts = text.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UserInputException(option + ": '" + shown(parts[i].strip()) + "' is not a whole number");
            }
            if (out[i] < 1) {
                throw new UserInputException(option + ": " + out[i] + " must be at least 1");
            }
        }
        return out;
    }
}
