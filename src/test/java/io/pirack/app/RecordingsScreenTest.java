package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.FailoverSettings;
import io.pirack.timeline.RecordingLibrary;
import io.pirack.timeline.SettableClock;
import io.pirack.timeline.TimelineService;
import io.pirack.ui.recordings.RecordingsBackend;
import io.pirack.ui.recordings.RecordingsView;
import io.pirack.ui.recordings.RecordingsViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File → Recordings…: lists sessions, keeps, renames, reveals, deletes after a confirmation, and obeys the kiosk lock. */
@ExtendWith(ApplicationExtension.class)
class RecordingsScreenTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:30:00Z");

    @TempDir
    static Path recordings;

    private final AtomicBoolean locked = new AtomicBoolean();
    private final List<Path> revealed = new ArrayList<>();
    private Path talk;
    private Path rehearsal;
    private Path current;

    private Path session(Instant at, String source) {
        try (TimelineService service = TimelineService.recording(FailoverSettings.kubernetesDefaults(), new SettableClock(at),
                recordings, source, Runnable::run)) {
            service.listener().linkLost("rpi2", "tcp/22", at);
            service.listener().plugPulled("rpi2", "stop-agent", at);
            return service.recordingFolder().orElseThrow();
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        try (var old = Files.list(recordings)) {
            for (Path p : old.toList()) {
                new RecordingLibrary(recordings).delete(p.getFileName().toString());
            }
        }
        talk = session(T0, "booth");
        rehearsal = session(T0.plusSeconds(86_400), "rehearsal rack (demo-tuned)");
        current = session(T0.plusSeconds(2 * 86_400), "rehearsal rack (defaults)");
        RecordingsScreen.LibraryBackend backend = new RecordingsScreen.LibraryBackend(new RecordingLibrary(recordings),
                () -> Optional.of(current), revealed::add);
        RecordingsViewModel model = new RecordingsViewModel(backend, Runnable::run, Runnable::run, locked::get);
        stage.setScene(new Scene(new RecordingsView(model, ZoneOffset.UTC, false), 1000, 480));
        stage.show();
        model.refresh();
    }

    @SuppressWarnings("unchecked")
    private static TableView<RecordingsBackend.Row> table(FxRobot robot) {
        return robot.lookup("#recordings-table").queryTableView();
    }

    private static String message(FxRobot robot) {
        return robot.lookup("#recordings-message").queryAs(Label.class).getText();
    }

    private static void select(FxRobot robot, String title) {
        TableView<RecordingsBackend.Row> table = table(robot);
        int index = table.getItems().stream().map(RecordingsBackend.Row::title).toList().indexOf(title);
        robot.interact(() -> table.getSelectionModel().select(index));
    }

    @Test
    void listsEverySessionNewestFirstWithDateSourceRunsAndSize(FxRobot robot) {
        TableView<RecordingsBackend.Row> table = table(robot);
        assertEquals(List.of("rehearsal rack (defaults)", "rehearsal rack (demo-tuned)", "booth"),
                table.getItems().stream().map(RecordingsBackend.Row::source).toList());
        assertTrue(robot.lookup("Tue 1 Dec 2026, 09:30").tryQuery().isPresent(), "the start, in words");
        assertTrue(robot.lookup("● recording now").tryQuery().isPresent());
        assertTrue(table.getItems().stream().allMatch(r -> r.runs() >= 0), "runs counted");
        assertTrue(table.getItems().stream().allMatch(r -> r.bytes() > 0));
        assertTrue(robot.lookup(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                && l.getText().matches("\\d+(\\.\\d)? (B|KB)")).tryQuery().isPresent(), "a size in words");
    }

    @Test
    void keepMarksTheSessionInWordsAndOnDisk(FxRobot robot) throws IOException {
        select(robot, "booth");
        robot.clickOn("#recordings-keep");

        assertTrue(robot.lookup("✔ kept").tryQuery().isPresent());
        assertTrue(Files.readString(talk.resolve("session.json")).contains("\"keep\":true"));
        assertTrue(message(robot).startsWith("Kept: “booth”"), message(robot));
    }

    @Test
    void renameAsksForANameAndShowsIt(FxRobot robot) {
        select(robot, "booth");
        robot.clickOn("#recordings-rename");
        robot.lookup("#recordings-name").queryTextInputControl();
        robot.interact(() -> robot.lookup("#recordings-name").queryTextInputControl().setText("KubeCon talk"));
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(table(robot).getItems().stream().anyMatch(r -> r.title().equals("KubeCon talk") && r.source().equals("booth")));
    }

    @Test
    void deleteAsksFirstAndCancelKeepsTheFolder(FxRobot robot) {
        select(robot, "rehearsal rack (demo-tuned)");
        robot.clickOn("#recordings-delete");
        assertTrue(robot.lookup("Delete “rehearsal rack (demo-tuned)”?").tryQuery().isPresent(), "a confirmation names it");
        robot.clickOn("Cancel");
        assertTrue(Files.isDirectory(rehearsal));

        robot.clickOn("#recordings-delete");
        robot.clickOn("Delete");
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(Files.exists(rehearsal));
        assertEquals(2, table(robot).getItems().size());
        assertEquals("Deleted “rehearsal rack (demo-tuned)”.", message(robot));
    }

    @Test
    void theSessionBeingRecordedIsNotDeleted(FxRobot robot) {
        select(robot, "rehearsal rack (defaults)");
        robot.clickOn("#recordings-delete");
        robot.clickOn("Delete");

        assertTrue(Files.isDirectory(current));
        assertTrue(message(robot).contains("is being recorded now"), message(robot));
    }

    @Test
    void whileKioskLockedNothingIsDeletedRenamedOrKept(FxRobot robot) {
        locked.set(true);
        select(robot, "booth");
        robot.clickOn("#recordings-delete");
        assertTrue(robot.lookup("Delete “booth”?").tryQuery().isEmpty(), "no confirmation is even offered");
        robot.clickOn("#recordings-keep");
        robot.clickOn("#recordings-rename");

        assertTrue(Files.isDirectory(talk));
        assertTrue(robot.lookup("✔ kept").tryQuery().isEmpty());
        assertEquals(RecordingsViewModel.LOCKED, message(robot));
        assertEquals(List.of(), revealed);
    }

    @Test
    void revealOpensTheSessionsFolder(FxRobot robot) {
        select(robot, "booth");
        robot.clickOn("#recordings-reveal");

        assertEquals(List.of(talk), revealed);
    }
}
