package io.qmoe.cli;

/** Bad input detected by a command (an option value, a file); reported as one line with exit code 2. */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public UserInputException(String message) {
        super(message);
    }
}
