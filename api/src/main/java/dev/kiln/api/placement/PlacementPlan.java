package dev.kiln.api.placement;

import java.util.List;

/** A placement decision for every tensor of a model, and the memory each device will need. */
public record PlacementPlan(String policy, List<TensorPlacement> tensors, List<DeviceBudget> budgets) {
    public PlacementPlan {
        tensors = List.copyOf(tensors);
        budgets = List.copyOf(budgets);
    }
}
