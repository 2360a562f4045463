package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which rendering pipeline the app asks JavaFX for, before its toolkit starts. */
class RenderingPipelineTest {

    @Test
    void linuxWithoutAGpuDeviceGoesStraightToTheSoftwarePipeline() {
        assertEquals(Optional.of("sw"), RenderingPipeline.order("Linux", null, false));
    }

    @Test
    void linuxWithAGpuDeviceKeepsJavaFxsOwnOrder() {
        assertEquals(Optional.empty(), RenderingPipeline.order("Linux", null, true));
    }

    @Test
    void macOsKeepsItsGpuPipelineEvenWithoutADeviceNode() {
        assertEquals(Optional.empty(), RenderingPipeline.order("Mac OS X", null, false));
    }

    @Test
    void windowsKeepsJavaFxsOwnOrder() {
        assertEquals(Optional.empty(), RenderingPipeline.order("Windows 11", null, false));
    }

    @Test
    void theUsersOwnPrismOrderWins() {
        assertEquals(Optional.empty(), RenderingPipeline.order("Linux", "es2,sw", false));
    }

    @Test
    void theSoftwarePipelineKeepsUpToFifteenDirtyRegionsApart() {
        assertEquals(Optional.of("15"), RenderingPipeline.dirtyRegions("sw", null));
    }

    @Test
    void aGpuPipelineOrJavaFxsOwnOrderKeepsPrismsDefaultDirtyRegions() {
        assertEquals(Optional.empty(), RenderingPipeline.dirtyRegions(null, null));
        assertEquals(Optional.empty(), RenderingPipeline.dirtyRegions("es2,sw", null));
    }

    @Test
    void theUsersOwnDirtyRegionCountWins() {
        assertEquals(Optional.empty(), RenderingPipeline.dirtyRegions("sw", "6"));
    }
}
