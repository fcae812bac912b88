/** Placement policies and the memory planner. */
module dev.kiln.placement {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
