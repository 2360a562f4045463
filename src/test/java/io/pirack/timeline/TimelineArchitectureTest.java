package io.pirack.timeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class TimelineArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pirack.core.timeline", "io.pirack.timeline", "io.pirack.ui.timeline");

    @Test
    void timelineCoreIsPureJava() {
        noClasses().that().resideInAPackage("io.pirack.core.timeline..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fabric8..", "net.schmizz..",
                        "com.hierynomus..", "tools.jackson..", "java.nio.file..", "java.io..", "org.slf4j..")
                .because("the correlator must be testable and replayable without UI, cluster or files")
                .check(CLASSES);
    }

    @Test
    void timelineViewModelDrawsNothing() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("view models hold state and commands; only views build nodes")
                .check(new ClassFileImporter().importClasses(io.pirack.ui.timeline.TimelineViewModel.class,
                        io.pirack.ui.timeline.TimelineMarker.class, io.pirack.ui.timeline.TimelineStyles.class,
                        classOf("io.pirack.ui.timeline.TimelineMarkers"), classOf("io.pirack.ui.timeline.TimelineBands")));
    }

    @Test
    void recordingAdapterKnowsNoUi() {
        noClasses().that().resideInAPackage("io.pirack.timeline..")
                .should().dependOnClassesThat().resideInAnyPackage("io.pirack.ui..", "javafx..")
                .because("adapters never import the UI")
                .check(CLASSES);
    }

    /** The package-private helpers of the timeline screen, by name. */
    private static Class<?> classOf(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " is gone: keep this rule's list up to date", e);
        }
    }
}
