package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pirack.core.net.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootptabCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        return file;
    }

    @Test
    void seedArticleBootptabPrintsItsEntriesAndExitsZero() throws IOException {
        Path file = write("bootptab", Fixtures.text("macos/bootptab.seed-article"));
        CliRun run = CliRun.of("bootptab", "check", file.toString(), "--subnet", "192.168.2.0/24");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("rpi1 b8:27:eb:5b:0d:0f 192.168.2.101\nrpi2 b8:27:eb:a1:5f:5a 192.168.2.102\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void manpageExampleOutsideTheBoothSubnetFails() throws IOException {
        Path file = write("bootptab", Fixtures.text("macos/bootptab.apple-manpage-example"));
        CliRun run = CliRun.of("bootptab", "check", file.toString(), "--subnet", "192.168.2.0/24");
        assertEquals(1, run.exitCode());
        assertEquals("client1 00:01:02:03:04:05 10.0.0.20\nclient2 00:a0:b2:ef:ff:0a 10.0.0.20\n", run.out());
        String outside = ": error: IP address 10.0.0.20 is outside the subnet 192.168.2.0/24; bootpd only hands out static addresses on the subnet of the interface\n";
        assertEquals(file + ":8" + outside + file + ":9" + outside
                + file + ":9: error: duplicate IP address 10.0.0.20 (also on line 8 for client1)\n", run.err());
    }

    @Test
    void missingFinalNewlineIsReportedWithTheTruncatedAddress() throws IOException {
        Path file = write("bootptab", "%%\nrpi1 1 b8:27:eb:5:d:f 192.168.2.101");
        CliRun run = CliRun.of("bootptab", "check", file.toString());
        assertEquals(1, run.exitCode());
        assertEquals("rpi1 b8:27:eb:05:0d:0f 192.168.2.10\n", run.out());
        assertEquals(file + ":2: error: the file does not end with a newline, so bootpd drops the last character of this line ('1')\n",
                run.err());
    }

    @Test
    void missingPercentLineMeansNoEntries() throws IOException {
        Path file = write("bootptab", "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101\n");
        CliRun run = CliRun.of("bootptab", "check", file.toString());
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertEquals(file + ": error: no line starting with '%' (the '%%' line): bootpd ignores every line before it, so it loads no entries\n"
                + file + ":1: warning: line comes before the '%%' line, so bootpd ignores it\n", run.err());
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        Path file = write("bootptab", "%%\n rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101\n");
        CliRun run = CliRun.of("bootptab", "check", file.toString());
        assertEquals(0, run.exitCode());
        assertEquals(file + ":2: warning: line starts with a space, so bootpd skips it; remove the leading space if it is an entry\n", run.err());
    }

    @Test
    void badSubnetAndMissingFileAreUsageErrors() {
        assertEquals("pirack bootptab check: --subnet: subnet '192.168.2.0' must be written as address/prefix, e.g. 192.168.2.0/24\n",
                CliRun.of("bootptab", "check", "x", "--subnet", "192.168.2.0").err());
        CliRun missing = CliRun.of("bootptab", "check", dir.resolve("nope").toString());
        assertEquals(2, missing.exitCode());
        assertEquals(dir.resolve("nope") + ": error: no such file\n", missing.err());
    }
}
