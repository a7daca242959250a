package io.rlstestkit.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.apiguardian.api.API;

import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the code's layout, as functions of a root package, so that the architecture test applies them to the
 * kit and, to show that each can fail, to a fixture that breaks them.
 * <ul>
 *   <li>No cycle between packages. The contract types, public types of the face that import nothing of the kit
 *       (values such as {@code Tenant} and {@code Finding}, interfaces the core implements such as
 *       {@code RlsSession}), are leaves: a slice of their own, which may depend on nothing but itself.</li>
 *   <li>Nothing below the face ({@code root.internal..}, apart from the JUnit adapter {@code root.internal.junit})
 *       depends on JUnit, the open test alliance or AssertJ.</li>
 *   <li>A public type of an internal package says so: {@code @API(status = INTERNAL)}, so that a user's code does not
 *       reach it unintentionally.</li>
 * </ul>
 */
final class Layers {

    /** The contract types of the kit, named relative to its root: public types of the face that the core may import. */
    static final Set<String> CONTRACT_TYPES = Set.of("Tenant", "Tenants", "Finding", "Severity", "RlsSession",
            "RlsSqlException", "RlsAudit", "guard.TenantContextViolation");

    private Layers() {
    }

    /** No cycle between the packages under the root, with the contract types as a leaf slice. */
    static ArchRule noPackageCycles(String root, Set<String> contractTypes) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                if (isContract(type, root, contractTypes)) {
                    return SliceIdentifier.of("contract types");
                }
                String name = type.getPackageName();
                return name.equals(root) || name.startsWith(root + ".") ? SliceIdentifier.of(name)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + root + ", with its contract types " + contractTypes + " as a leaf";
            }
        }).should().beFreeOfCycles();
    }

    /** The contract types depend on nothing of the kit but each other. */
    static ArchRule contractTypesAreLeaves(String root, Set<String> contractTypes) {
        DescribedPredicate<JavaClass> contract = DescribedPredicate.describe("contract types " + contractTypes,
                type -> isContract(type, root, contractTypes));
        return classes().that(contract).should().onlyDependOnClassesThat(
                not(resideInAPackage(root + "..")).or(contract));
    }

    /** Nothing below the face, apart from its JUnit adapter, depends on JUnit or AssertJ. */
    static ArchRule noTestFrameworkBelowTheFace(String root) {
        return noClasses().that().resideInAPackage(root + ".internal..")
                .and().resideOutsideOfPackage(root + ".internal.junit..")
                .should().dependOnClassesThat(resideInAnyPackage("org.junit..", "org.opentest4j..", "org.assertj.."))
                .because("the core serves other front ends than JUnit; only the face and " + root
                        + ".internal.junit may use a test framework");
    }

    /** Every public top-level type of an internal package is marked {@code @API(status = INTERNAL)}. */
    static ArchRule publicInternalTypesAreMarked(String root) {
        return classes().that().resideInAPackage(root + ".internal..").and().arePublic().and().areTopLevelClasses()
                .should(new ArchCondition<>("be annotated @API(status = INTERNAL)") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        boolean marked = type.tryGetAnnotationOfType(API.class)
                                .map(api -> api.status() == API.Status.INTERNAL).orElse(false);
                        if (!marked) {
                            events.add(SimpleConditionEvent.violated(type, type.getName()
                                    + " is public in an internal package without @API(status = INTERNAL): make it"
                                    + " package-private, or mark it"));
                        }
                    }
                });
    }

    /** Checks every rule against the classes. */
    static void check(JavaClasses classes, String root, Set<String> contractTypes) {
        noPackageCycles(root, contractTypes).check(classes);
        contractTypesAreLeaves(root, contractTypes).check(classes);
        noTestFrameworkBelowTheFace(root).check(classes);
        publicInternalTypesAreMarked(root).check(classes);
    }

    private static boolean isContract(JavaClass type, String root, Set<String> contractTypes) {
        JavaClass top = type.isArray() ? type.getBaseComponentType() : type;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.getName().startsWith(root + ".")
                && contractTypes.contains(top.getName().substring(root.length() + 1))
                && top.getModifiers().contains(JavaModifier.PUBLIC);
    }
}
