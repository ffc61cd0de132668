package jenkins;

/** Stand-in for Jenkins core's {@code jenkins.YesNoMaybe} (jenkins-2.479.3); the type of {@code Extension.dynamicLoadable}. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
