/** Gogo commands for the reference assembly. */
module dev.kiln.shell {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires static osgi.core;
    requires static org.apache.felix.gogo.runtime;
    requires com.fasterxml.jackson.databind;
}
