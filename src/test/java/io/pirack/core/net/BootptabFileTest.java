package io.pirack.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.MacAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootptabFileTest {

    private static final StaticLease RPI1 = new StaticLease("rpi1", MacAddress.parse("dc:a6:32:00:00:01").orThrow(), Ipv4Address.of("192.168.2.101"));
    private static final StaticLease RPI2 = new StaticLease("rpi2", MacAddress.parse("dc:a6:32:00:00:02").orThrow(), Ipv4Address.of("192.168.2.102"));

    @Test
    void foreignLinesComeBackByteForByteAndPiRackEntriesAreAppendedInAMarkedBlock() {
        String original = Fixtures.text("macos/bootptab.seed-article").replace("rpi1", "lab1").replace("rpi2", "lab2")
                .replace("192.168.2.101", "192.168.2.51").replace("192.168.2.102", "192.168.2.52");
        RenderedFile rendered = BootptabFile.of(original).render(List.of(RPI1, RPI2), ConflictPolicy.REFUSE);
        assertTrue(rendered.ok(), rendered.problems().toString());
        assertEquals(original + "# BEGIN PiRack entries (managed by PiRack; edits inside this block are replaced)\n"
                + "rpi1\t1\tdc:a6:32:00:00:01\t192.168.2.101\n"
                + "rpi2\t1\tdc:a6:32:00:00:02\t192.168.2.102\n"
                + "# END PiRack entries\n", rendered.text());
    }

    @Test
    void renderingAgainReplacesOnlyTheBlockInPlace() {
        String first = BootptabFile.of("%%\n# mine\nlab 1 00:11:22:33:44:55 192.168.2.50\n").render(List.of(RPI1), ConflictPolicy.REFUSE).text();
        String withTrailer = first + "# a later comment\n";
        String second = BootptabFile.of(withTrailer).render(List.of(RPI2), ConflictPolicy.REFUSE).text();
        assertEquals("%%\n# mine\nlab 1 00:11:22:33:44:55 192.168.2.50\n" + BootptabFile.BEGIN_LINE
                + "rpi2\t1\tdc:a6:32:00:00:02\t192.168.2.102\n" + BootptabFile.END_LINE + "# a later comment\n", second);
    }

    @Test
    void missingPercentLineAndFinalNewlineAreAdded() {
        RenderedFile rendered = BootptabFile.of("# only a comment").render(List.of(RPI1), ConflictPolicy.REFUSE);
        assertEquals("# only a comment\n%%\n" + BootptabFile.BEGIN_LINE + "rpi1\t1\tdc:a6:32:00:00:01\t192.168.2.101\n"
                + BootptabFile.END_LINE, rendered.text());
        BootptabReport report = BootptabParser.parse(rendered.text(), Optional.of(Ipv4Subnet.MACOS_INTERNET_SHARING));
        assertEquals(List.of(), report.problems());
    }

    @Test
    void emptyFileGetsThePercentLineAndTheBlock() {
        RenderedFile rendered = BootptabFile.empty().render(List.of(RPI1), ConflictPolicy.REFUSE);
        assertTrue(rendered.text().startsWith("%%\n" + BootptabFile.BEGIN_LINE));
        assertTrue(rendered.text().endsWith("\n"));
    }

    @Test
    void handWrittenEntryForARackPiIsRefusedByDefault() {
        String original = "%%\nrpi1 1 dc:a6:32:0:0:1 192.168.2.5\n";
        RenderedFile rendered = BootptabFile.of(original).render(List.of(RPI1), ConflictPolicy.REFUSE);
        assertFalse(rendered.ok());
        assertEquals("", rendered.text());
        assertEquals("f:2: error: entry 'rpi1 dc:a6:32:00:00:01 192.168.2.5' was not written by PiRack and has the MAC address of rpi1; "
                + "delete that line or let PiRack take it over", rendered.problems().get(0).format("f"));
    }

    @Test
    void handWrittenEntryThatIsAlreadyRightIsKeptAndNotRepeated() {
        String original = "%%\nrpi1 1 dc:a6:32:0:0:1 192.168.2.101\n";
        RenderedFile rendered = BootptabFile.of(original).render(List.of(RPI1, RPI2), ConflictPolicy.REFUSE);
        assertEquals(original + BootptabFile.BEGIN_LINE + "rpi2\t1\tdc:a6:32:00:00:02\t192.168.2.102\n" + BootptabFile.END_LINE,
                rendered.text());
        assertEquals(original, BootptabFile.of(original).render(List.of(RPI1), ConflictPolicy.REFUSE).text());
    }

    @Test
    void handWrittenEntryIsCommentedOutWhenTakenOver() {
        String original = "%%\nrpi1 1 dc:a6:32:0:0:1 192.168.2.5\n";
        RenderedFile rendered = BootptabFile.of(original).render(List.of(RPI1), ConflictPolicy.TAKE_OVER);
        assertTrue(rendered.text().startsWith("%%\n# taken over by PiRack: rpi1 1 dc:a6:32:0:0:1 192.168.2.5\n"));
        BootptabReport report = BootptabParser.parse(rendered.text(), Optional.empty());
        assertEquals(List.of("rpi1 dc:a6:32:00:00:01 192.168.2.101"), report.entries().stream().map(BootptabEntry::normalised).toList());
    }

    @Test
    void entriesInsideTheBlockAreRecognisedAsPiRacks() {
        BootptabFile file = BootptabFile.of(BootptabFile.of("%%\nlab 1 00:11:22:33:44:55 192.168.2.50\n")
                .render(List.of(RPI1), ConflictPolicy.REFUSE).text());
        List<BootptabEntry> entries = file.report(Optional.empty()).entries();
        assertFalse(file.isManaged(entries.get(0)));
        assertTrue(file.isManaged(entries.get(1)));
    }

    @Test
    void blockWithoutEndMarkerIsRefused() {
        RenderedFile rendered = BootptabFile.of("%%\n" + BootptabFile.BEGIN_LINE + "rpi1 1 dc:a6:32:0:0:1 192.168.2.101\n")
                .render(List.of(RPI1), ConflictPolicy.REFUSE);
        assertFalse(rendered.ok());
        assertEquals(2, rendered.problems().get(0).line());
    }

    @Test
    void latin1BytesInForeignCommentsSurvive() {
        byte[] original = {'#', ' ', (byte) 0xe9, (byte) 0xff, '\n', '%', '%', '\n'};
        RenderedFile rendered = BootptabFile.of(original).render(List.of(RPI1), ConflictPolicy.REFUSE);
        byte[] out = rendered.bytes();
        assertEquals((byte) 0xe9, out[2]);
        assertEquals((byte) 0xff, out[3]);
    }
}
