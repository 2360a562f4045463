package io.pirack.net;

import io.pirack.core.net.BootptabProblem;
import java.util.List;

/** Applying the booth network plan stopped; the message says what was and was not changed. */
public class ApplyException extends Exception {

    private final List<BootptabProblem> problems;

    public ApplyException(String message, List<BootptabProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public ApplyException(String message) {
        this(message, List.of());
    }

    /** The validation problems that stopped it (empty for other failures). */
    public List<BootptabProblem> problems() {
        return problems;
    }
}
