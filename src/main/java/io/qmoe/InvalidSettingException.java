package io.qmoe;

/**
 * A run setting that the library refuses, named so that a front end can point at its own option: the command line
 * prints {@code --experts: every size must be at least 2, got 1} for setting {@code experts}. The message a library
 * user sees is {@code experts: every size must be at least 2, got 1}.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String detail;

    /**
     * A refusal of {@code setting} (kebab-case, as the command line spells its option) for the reason {@code detail}.
     */
    public InvalidSettingException(String setting, String detail) {
        super(setting + ": " + detail);
        this.setting = setting;
        this.detail = detail;
    }

    /** The setting's name, e.g. {@code reference-size}. */
    public String setting() {
        return setting;
    }

    /** What is wrong, without the setting's name. */
    public String detail() {
        return detail;
    }
}
