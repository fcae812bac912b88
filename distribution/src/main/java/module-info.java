/** The launcher of Kiln's reference assembly: boots Felix with the shipped bundles. */
module dev.kiln.launcher {
    requires org.apache.felix.framework;

    exports dev.kiln.launcher;
}
