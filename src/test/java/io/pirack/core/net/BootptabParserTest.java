package io.pirack.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.validate.Ipv4Subnet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BootptabParserTest {

    private static final Optional<Ipv4Subnet> BOOTH = Optional.of(Ipv4Subnet.MACOS_INTERNET_SHARING);
    private static final String HEADER = "# test\n%%\n";

    private static List<String> loaded(BootptabReport report) {
        return report.entries().stream().map(BootptabEntry::normalised).toList();
    }

    private static List<String> problems(BootptabReport report) {
        return report.problems().stream().map(p -> p.format("f")).toList();
    }

    @Test
    void seedArticleFileLoadsBothPisCleanly() {
        BootptabReport report = BootptabParser.parse(Fixtures.text("macos/bootptab.seed-article"), BOOTH);
        assertEquals(List.of("rpi1 b8:27:eb:5b:0d:0f 192.168.2.101", "rpi2 b8:27:eb:a1:5f:5a 192.168.2.102"), loaded(report));
        assertEquals(List.of(), problems(report));
        assertTrue(report.hasPercentLine());
        assertTrue(report.endsWithNewline());
    }

    @Test
    void appleManpageExampleLoadsBothEntriesAndFlagsTheSharedIp() {
        BootptabReport report = BootptabParser.parse(Fixtures.text("macos/bootptab.apple-manpage-example"), Optional.empty());
        assertEquals(List.of("client1 00:01:02:03:04:05 10.0.0.20", "client2 00:a0:b2:ef:ff:0a 10.0.0.20"), loaded(report));
        assertEquals(List.of("f:9: error: duplicate IP address 10.0.0.20 (also on line 8 for client1)"), problems(report));
    }

    @Test
    void bootptabWithoutPercentLineLoadsNothing() {
        BootptabReport report = BootptabParser.parse("rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101\n", BOOTH);
        assertEquals(List.of(), loaded(report));
        assertFalse(report.hasPercentLine());
        assertEquals(List.of("f: error: no line starting with '%' (the '%%' line): bootpd ignores every line before it, so it loads no entries",
                "f:1: warning: line comes before the '%%' line, so bootpd ignores it"), problems(report));
    }

    @Test
    void bootptabWithoutFinalNewlineLosesTheLastCharacter() {
        BootptabReport report = BootptabParser.parse(HEADER + "rpi2 1 b8:27:eb:a1:5f:5a 192.168.2.102", BOOTH);
        assertEquals(List.of("rpi2 b8:27:eb:a1:5f:5a 192.168.2.10"), loaded(report));
        assertFalse(report.endsWithNewline());
        assertEquals("f:3: error: the file does not end with a newline, so bootpd drops the last character of this line ('2')",
                problems(report).get(0));
        assertTrue(report.hasErrors());
    }

    @Test
    void aNulByteMidLineWarnsInsteadOfSilentlyShorteningTheAddress() {
        BootptabReport report = BootptabParser.parse(HEADER + "rpi2 1 b8:27:eb:a1:5f:5a 192.168.2.102\0 boot\n", BOOTH);
        assertEquals(List.of("rpi2 b8:27:eb:a1:5f:5a 192.168.2.10"), loaded(report), "bootpd itself reads the shortened address");
        assertEquals("f:3: warning: line has a NUL byte at column 39: bootpd stops reading there and drops the character before it, "
                + "so it reads 'rpi2 1 b8:27:eb:a1:5f:5a 192.168.2.10' and ignores 'boot'; remove the NUL byte", problems(report).get(0));
    }

    @Test
    void missingFinalNewlineAfterAnEntryWithBootfileTruncatesTheBootfileOnly() {
        BootptabReport report = BootptabParser.parse(HEADER + "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101 boot", BOOTH);
        assertEquals("boo", report.entries().get(0).bootfile());
    }

    private static String paddedEntry(int length) {
        String head = "rpi1 1 b8:27:eb:5b:0d:0f";
        String ip = "192.168.2.101";
        return head + " ".repeat(length - head.length() - ip.length()) + ip;
    }

    @Test
    void lineOf255CharactersLosesItsLastCharacterToTheLineBuffer() {
        BootptabReport report = BootptabParser.parse(HEADER + paddedEntry(255) + "\n", BOOTH);
        assertEquals(List.of("rpi1 b8:27:eb:5b:0d:0f 192.168.2.10"), loaded(report));
        assertTrue(problems(report).get(0).startsWith("f:3: error: line is 255 characters long"), problems(report).toString());
    }

    @Test
    void lineOf254CharactersFitsTheLineBuffer() {
        BootptabReport report = BootptabParser.parse(HEADER + paddedEntry(254) + "\n", BOOTH);
        assertEquals(List.of("rpi1 b8:27:eb:5b:0d:0f 192.168.2.101"), loaded(report));
        assertEquals(List.of(), problems(report));
    }

    @Test
    void bootfileLongerThan126CharactersIsCut() {
        BootptabReport report = BootptabParser.parse(HEADER + "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101 " + "x".repeat(130) + "\n", BOOTH);
        assertEquals(126, report.entries().get(0).bootfile().length());
    }

    @Test
    void theRestOfAnOverlongLineIsReadAsAnotherEntry() {
        String first = "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101 ";
        String padded = first + "y".repeat(255 - first.length());
        BootptabReport report = BootptabParser.parse(HEADER + padded + "rpi9 1 b8:27:eb:00:00:09 192.168.2.109\n", BOOTH);
        assertEquals(List.of("rpi1 b8:27:eb:5b:0d:0f 192.168.2.101", "rpi9 b8:27:eb:00:00:09 192.168.2.109"), loaded(report));
    }

    @Test
    void shortOctetsAreZeroPadded() {
        BootptabReport report = BootptabParser.parse(HEADER + "rpi1 1 B8.27.EB.5.d.f 192.168.2.101\n", BOOTH);
        assertEquals(List.of("rpi1 b8:27:eb:05:0d:0f 192.168.2.101"), loaded(report));
        assertEquals(List.of(), problems(report));
    }

    static Stream<Arguments> rejectedLines() {
        return Stream.of(
                Arguments.of("five octets", "rpi1 1 b8:27:eb:5b:0d 192.168.2.101",
                        "f:3: error: hardware address 'b8:27:eb:5b:0d' has 5 octets; an Ethernet address (hardware type 1) needs exactly 6, so bootpd skips this line"),
                Arguments.of("seven octets", "rpi1 1 b8:27:eb:5b:0d:0f:01 192.168.2.101",
                        "f:3: error: hardware address 'b8:27:eb:5b:0d:0f:01' has 7 octets; an Ethernet address (hardware type 1) needs exactly 6, so bootpd skips this line"),
                Arguments.of("non-hex octet", "rpi1 1 b8:27:eb:zz:0d:0f 192.168.2.101",
                        "f:3: error: hardware address 'b8:27:eb:zz:0d:0f': octet 4 ('zz') is not hex; bootpd skips this line"),
                Arguments.of("empty octet", "rpi1 1 b8::eb:5b:0d:0f 192.168.2.101",
                        "f:3: error: hardware address 'b8::eb:5b:0d:0f': octet 2 ('') is not hex; bootpd skips this line"),
                Arguments.of("zero MAC", "rpi1 1 0:0:0:0:0:0 192.168.2.101",
                        "f:3: error: hardware address '0:0:0:0:0:0' is all zeros; bootpd skips this line"),
                Arguments.of("IP 0.0.0.0", "rpi1 1 b8:27:eb:5b:0d:0f 0.0.0.0",
                        "f:3: error: IP address '0.0.0.0' is 0.0.0.0; bootpd skips this line"),
                Arguments.of("IP 255.255.255.255", "rpi1 1 b8:27:eb:5b:0d:0f 255.255.255.255",
                        "f:3: error: IP address '255.255.255.255' is the broadcast address 255.255.255.255; bootpd skips this line"),
                Arguments.of("IP not an address", "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.300",
                        "f:3: error: IP address '192.168.2.300' is not an address; bootpd skips this line"),
                Arguments.of("IP missing", "rpi1 1 b8:27:eb:5b:0d:0f",
                        "f:3: error: the IP address is missing; bootpd skips this line"),
                Arguments.of("hardware type not a number", "rpi1 eth b8:27:eb:5b:0d:0f 192.168.2.101",
                        "f:3: error: hardware type 'eth' is not a number (1 = Ethernet); bootpd cannot use this line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedLines")
    void linesBootpdRejectsAreNotLoadedAndSayWhy(String name, String line, String expected) {
        BootptabReport report = BootptabParser.parse(HEADER + line + "\n", BOOTH);
        assertEquals(List.of(), loaded(report));
        assertEquals(List.of(expected), problems(report));
    }

    static Stream<Arguments> loadedButWrong() {
        return Stream.of(
                Arguments.of("outside the subnet", "rpi1 1 b8:27:eb:5b:0d:0f 10.0.0.5",
                        "f:3: error: IP address 10.0.0.5 is outside the subnet 192.168.2.0/24; bootpd only hands out static addresses on the subnet of the interface"),
                Arguments.of("network address", "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.0",
                        "f:3: error: IP address 192.168.2.0 is the network address of 192.168.2.0/24"),
                Arguments.of("gateway", "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.1",
                        "f:3: error: IP address 192.168.2.1 is the gateway (this computer's own address) of 192.168.2.0/24"),
                Arguments.of("broadcast", "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.255",
                        "f:3: error: IP address 192.168.2.255 is the broadcast address of 192.168.2.0/24"),
                Arguments.of("not RFC 1123", "rpi_1 1 b8:27:eb:5b:0d:0f 192.168.2.101",
                        "f:3: error: hostname 'rpi_1' is not a valid RFC 1123 name (letters, digits and '-', not starting or ending with '-')"),
                Arguments.of("leading hyphen", "-rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101",
                        "f:3: error: hostname '-rpi1' is not a valid RFC 1123 name (letters, digits and '-', not starting or ending with '-')"),
                Arguments.of("lenient octet", "rpi1 1 b8:27:eb:5bq:0d:0f 192.168.2.101",
                        "f:3: warning: hardware address 'b8:27:eb:5bq:0d:0f': octet 4 ('5bq') is not one or two hex digits; bootpd reads it as 5b"),
                Arguments.of("shorthand IP", "rpi1 1 b8:27:eb:5b:0d:0f 192.168.613",
                        "f:3: warning: IP address '192.168.613' is not a plain dotted quad; bootpd reads it as 192.168.2.101"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadedButWrong")
    void entriesBootpdLoadsAreStillCheckedByPiRackRules(String name, String line, String expected) {
        BootptabReport report = BootptabParser.parse(HEADER + line + "\n", BOOTH);
        assertEquals(1, report.entries().size());
        assertEquals(List.of(expected), problems(report));
    }

    static Stream<Arguments> duplicates() {
        return Stream.of(
                Arguments.of("MAC", "rpi2 1 B8:27:EB:5B:D:F 192.168.2.102",
                        "f:4: error: duplicate hardware address b8:27:eb:5b:0d:0f (also on line 3 for rpi1); bootpd uses only one of them"),
                Arguments.of("IP", "rpi2 1 b8:27:eb:a1:5f:5a 192.168.2.101",
                        "f:4: error: duplicate IP address 192.168.2.101 (also on line 3 for rpi1)"),
                Arguments.of("hostname", "RPI1 1 b8:27:eb:a1:5f:5a 192.168.2.102",
                        "f:4: error: duplicate hostname RPI1 (also on line 3)"));
    }

    @ParameterizedTest(name = "duplicate {0}")
    @MethodSource("duplicates")
    void duplicatesAreErrorsOnTheSecondLine(String name, String second, String expected) {
        BootptabReport report = BootptabParser.parse(HEADER + "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101\n" + second + "\n", BOOTH);
        assertEquals(List.of(expected), problems(report));
    }

    @Test
    void hostnameOf61CharactersLoads() {
        String name = "a".repeat(61);
        BootptabReport report = BootptabParser.parse(HEADER + name + " 1 b8:27:eb:5b:0d:0f 192.168.2.101\n", BOOTH);
        assertEquals(List.of(name + " b8:27:eb:5b:0d:0f 192.168.2.101"), loaded(report));
    }

    @Test
    void hostnameOf62CharactersIsTruncatedAndTheLineMisread() {
        String name = "a".repeat(62);
        BootptabReport report = BootptabParser.parse(HEADER + name + " 1 b8:27:eb:5b:0d:0f 192.168.2.101\n", BOOTH);
        assertEquals(List.of(), loaded(report));
        assertTrue(problems(report).get(0).startsWith("f:3: error: hostname '" + name + "' is longer than 61 characters"),
                problems(report).toString());
    }

    @Test
    void hostnameOf64CharactersIsRejected() {
        String name = "b".repeat(64);
        BootptabReport report = BootptabParser.parse(HEADER + name + " 1 b8:27:eb:5b:0d:0f 192.168.2.101\n", BOOTH);
        assertEquals(List.of(), loaded(report));
        assertTrue(report.hasErrors());
    }

    @Test
    void commentSpaceAndEmptyLinesAreSkippedButTabIndentedEntriesLoad() {
        String text = HEADER + "# comment\n\n  rpi3 1 b8:27:eb:00:00:03 192.168.2.103\n\trpi4 1 b8:27:eb:00:00:04 192.168.2.104\n";
        BootptabReport report = BootptabParser.parse(text, BOOTH);
        assertEquals(List.of("rpi4 b8:27:eb:00:00:04 192.168.2.104"), loaded(report));
        assertEquals(List.of("f:5: warning: line starts with a space, so bootpd skips it; remove the leading space if it is an entry"),
                problems(report));
    }

    @Test
    void extraFieldsAfterTheBootfileAreIgnored() {
        BootptabReport report = BootptabParser.parse(HEADER + "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101 boot extra fields\n", BOOTH);
        assertEquals("boot", report.entries().get(0).bootfile());
        assertEquals(List.of(), problems(report));
    }

    @Test
    void windowsLineEndingsAreFlagged() {
        BootptabReport report = BootptabParser.parse("%%\r\nrpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101\r\n", BOOTH);
        assertEquals(List.of("rpi1 b8:27:eb:5b:0d:0f 192.168.2.101"), loaded(report));
        assertEquals(List.of("f:2: warning: line ends with a carriage return (Windows line ending); save the file with Unix line endings"),
                problems(report));
    }

    @Test
    void onlyTheFirstPercentLineEndsThePreamble() {
        BootptabReport report = BootptabParser.parse("%%\n%%\nrpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101\n", BOOTH);
        assertEquals(1, report.entries().size());
        assertEquals(List.of("f:2: warning: a second '%' line is read as a host entry and rejected; only the first '%%' line is needed"),
                problems(report));
    }

    @Test
    void nonEthernetEntriesKeepTheirOctetCount() {
        BootptabReport report = BootptabParser.parse(HEADER + "tok 6 1:2:3:4 192.168.2.50\n", BOOTH);
        assertEquals(List.of("tok 01:02:03:04 192.168.2.50"), loaded(report));
        assertTrue(report.entries().get(0).mac().isEmpty());
    }
}
