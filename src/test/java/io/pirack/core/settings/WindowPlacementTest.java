package io.pirack.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pirack.core.settings.Settings.WindowBounds;
import io.pirack.core.settings.WindowPlacement.Area;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {

    private static final double MIN_W = 900;
    private static final double MIN_H = 600;

    @Test
    void firstStartOpensAt85PercentOfTheMainScreensVisualBoundsCentred() {
        // A 1440×900 MacBook: the menu bar takes the top 25 px, the dock the bottom 50.
        Area macbook = new Area(0, 25, 1440, 825);
        Area projector = new Area(1440, 0, 1920, 1080);

        WindowBounds placed = WindowPlacement.place(List.of(macbook, projector), null, MIN_W, MIN_H);

        assertEquals(new WindowBounds(108, 87, 1224, 701, false), placed);
    }

    @Test
    void aScreenSmallerThanTheMinimumGetsTheMinimumButNeverMoreThanTheScreen() {
        assertEquals(new WindowBounds(62, 0, 900, 600, false),
                WindowPlacement.place(List.of(new Area(0, 0, 1024, 600)), null, MIN_W, MIN_H));
        assertEquals(new WindowBounds(0, 0, 800, 480, false),
                WindowPlacement.place(List.of(new Area(0, 0, 800, 480)), null, MIN_W, MIN_H));
    }

    @Test
    void theRememberedPlaceSizeAndMaximisedStateComeBackOnTheScreenItWasOn() {
        List<Area> screens = List.of(new Area(0, 0, 1920, 1040), new Area(1920, 0, 2560, 1400));
        WindowBounds onSecond = new WindowBounds(2000, 100, 1500, 900, true);
        WindowBounds onMain = new WindowBounds(40, 30, 1280, 800, false);

        assertEquals(onSecond, WindowPlacement.place(screens, onSecond, MIN_W, MIN_H));
        assertEquals(onMain, WindowPlacement.place(screens, onMain, MIN_W, MIN_H));
    }

    @Test
    void aWindowRememberedOnAMonitorThatIsGoneOpensWhollyOnTheMainScreen() {
        WindowBounds onProjector = new WindowBounds(2000, 100, 2400, 1300, true);

        WindowBounds placed = WindowPlacement.place(List.of(new Area(0, 25, 1280, 775)), onProjector, MIN_W, MIN_H);

        assertEquals(new WindowBounds(0, 25, 1280, 775, true), placed, "clamped to the main screen, still maximised");
    }

    @Test
    void aWindowHangingOffTheEdgeOfItsScreenIsPulledBackOntoIt() {
        WindowBounds halfOff = new WindowBounds(1000, 600, 800, 500, false);

        WindowBounds placed = WindowPlacement.place(List.of(new Area(0, 0, 1280, 800)), halfOff, MIN_W, MIN_H);

        assertEquals(new WindowBounds(380, 200, 900, 600, false), placed, "moved on screen and grown to the minimum");
    }
}
