package io.pirack.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    @Test
    void everyArgumentIsSingleQuoted() {
        assertEquals("'systemctl' 'stop' 'k3s-agent'", ShellQuote.join(List.of("systemctl", "stop", "k3s-agent")));
    }

    @Test
    void shellMetacharactersStayLiteral() {
        assertEquals("'$(reboot); `id` *'", ShellQuote.quote("$(reboot); `id` *"));
    }

    @Test
    void singleQuoteIsClosedEscapedAndReopened() {
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
    }

    @Test
    void emptyArgumentStaysAnArgument() {
        assertEquals("''", ShellQuote.quote(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nreboot", "a\rb", "a\0b"})
    void lineBreaksAndNulAreRefused(String argument) {
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote(argument));
    }

    @Test
    void emptyCommandIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.join(List.of()));
    }
}
