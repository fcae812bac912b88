package dev.kiln.api.placement;

import dev.kiln.api.KilnException;

/** A placement that cannot be made: a model that does not fit, a rule naming an unknown device. */
public class PlacementException extends KilnException {
    private static final long serialVersionUID = 1L;

    public PlacementException(String message) {
        super(message);
    }
}
