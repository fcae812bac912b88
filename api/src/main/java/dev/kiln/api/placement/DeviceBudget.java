package dev.kiln.api.placement;

/** Memory one device needs under a plan, by purpose, in bytes. */
public record DeviceBudget(String deviceId, long weights, long kvCache, long scratch) {
    public long total() {
        return weights + kvCache + scratch;
    }
}
