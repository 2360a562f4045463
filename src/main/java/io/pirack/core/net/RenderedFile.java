package io.pirack.core.net;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The new content of a DHCP configuration file, or the reasons it cannot be written. When
 * {@link #problems()} holds an error, {@link #text()} is empty and nothing may be written.
 */
public record RenderedFile(String text, List<BootptabProblem> problems) {

    public RenderedFile {
        problems = List.copyOf(problems);
    }

    static RenderedFile refused(List<BootptabProblem> problems) {
        return new RenderedFile("", problems);
    }

    public boolean ok() {
        return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
    }

    /** The bytes to write: ISO-8859-1, so foreign lines come back byte for byte. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
