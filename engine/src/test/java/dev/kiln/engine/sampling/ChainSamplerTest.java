package dev.kiln.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.sampling.Sampler;
import dev.kiln.api.sampling.SamplerSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each step of the chain on hand-made logits whose answer is known. */
class ChainSamplerTest {
    private static SamplerSettings settings(float temperature, int topK, float topP, float minP, float typicalP) {
        return new SamplerSettings(temperature, topK, topP, minP, typicalP, 1f, 0f, 0f, 64, Map.of(), 42L, List.of(), 16);
    }

    private static Set<Integer> outcomes(SamplerSettings settings, float[] logits) {
        Sampler sampler = new DefaultSamplerFactory().create(settings);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(sampler.sample(logits.clone()));
        }
        return seen;
    }

    @Test
    void greedyTakesTheHighestLogitAndTheLowerIdOnTies() {
        Sampler sampler = new DefaultSamplerFactory().create(SamplerSettings.greedy());
        assertEquals(2, sampler.sample(new float[] {1f, 3f, 5f, 2f}));
        assertEquals(1, sampler.sample(new float[] {0f, 5f, 5f}));
    }

    @Test
    void topKLeavesOnlyTheKBest() {
        float[] logits = {1f, 2f, 3f, 4f, 5f};
        assertEquals(Set.of(3, 4), outcomes(settings(100f, 2, 1f, 0f, 1f), logits));
    }

    @Test
    void topPKeepsTheSmallestSetReachingTheMass() {
        // Probabilities ≈ 0.665, 0.245, 0.090: 0.665 < 0.8 ≤ 0.91, so the two best remain.
        float[] logits = {2f, 1f, 0f};
        assertEquals(Set.of(0, 1), outcomes(settings(1f, 0, 0.8f, 0f, 1f), logits));
    }

    @Test
    void minPDropsTokensFarBelowTheBest() {
        // p(i)/p(best) = e^(logit - 3): token 2 at e^-1 ≈ 0.37 ≥ 0.3 stays, token 1 at e^-2 ≈ 0.14 goes.
        float[] logits = {0f, 1f, 2f, 3f};
        assertEquals(Set.of(2, 3), outcomes(settings(1f, 0, 1f, 0.3f, 1f), logits));
    }

    @Test
    void typicalPKeepsTokensNearTheEntropy() {
        // Token 0 at logit 3 among 100 at 0: p0 ≈ 0.167, the others ≈ 0.0083 each, entropy ≈ 4.29 nats.
        // Surprise of token 0 is 1.79 (2.5 from the entropy), of the others 4.79 (0.5 away), so the
        // 61 most typical tokens that reach mass 0.5 are all others and token 0 is dropped.
        float[] logits = new float[101];
        logits[0] = 3f;
        Set<Integer> seen = outcomes(settings(1f, 0, 1f, 0f, 0.5f), logits);
        assertTrue(!seen.contains(0) && !seen.isEmpty(), "outcomes " + seen);
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        SamplerSettings penalised = new SamplerSettings(0f, 0, 1f, 0f, 1f, 2f, 0f, 0f, 64, Map.of(), 0L, List.of(), 16);
        Sampler sampler = new DefaultSamplerFactory().create(penalised);
        sampler.accept(0);
        // Token 0: 3 → 1.5, below token 1 at 2.
        assertEquals(1, sampler.sample(new float[] {3f, 2f}));
        // Negative logits: token 0 at -1 → -2, below token 1 at -1.5.
        assertEquals(1, sampler.sample(new float[] {-1f, -1.5f}));
    }

    @Test
    void frequencyAndPresencePenaltiesCountOccurrencesInTheWindow() {
        SamplerSettings penalised = new SamplerSettings(0f, 0, 1f, 0f, 1f, 1f, 0.5f, 1f, 3, Map.of(), 0L, List.of(), 16);
        Sampler sampler = new DefaultSamplerFactory().create(penalised);
        sampler.accept(0);
        sampler.accept(0);
        // Token 0: 3 - 2*1 - 0.5 = 0.5 < token 1 at 1.
        assertEquals(1, sampler.sample(new float[] {3f, 1f}));
        sampler.accept(1);
        sampler.accept(1);
        sampler.accept(1);
        // The window holds the last 3 tokens: token 0 has left it, token 1: 1 - 3 - 0.5.
        assertEquals(0, sampler.sample(new float[] {3f, 1f}));
    }

    @Test
    void logitBiasCanForbidAToken() {
        SamplerSettings biased = new SamplerSettings(0f, 0, 1f, 0f, 1f, 1f, 0f, 0f, 64,
                Map.of(2, Float.NEGATIVE_INFINITY), 0L, List.of(), 16);
        assertEquals(1, new DefaultSamplerFactory().create(biased).sample(new float[] {0f, 1f, 9f}));
    }

    @Test
    void theSameSeedGivesTheSameTokens() {
        float[] logits = {0.1f, 0.3f, 0.2f, 0.5f, 0.4f, 0.0f};
        SamplerSettings a = settings(1.5f, 0, 1f, 0f, 1f);
        Sampler first = new DefaultSamplerFactory().create(a);
        Sampler second = new DefaultSamplerFactory().create(a);
        StringBuilder one = new StringBuilder();
        StringBuilder two = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            one.append(first.sample(logits.clone()));
            two.append(second.sample(logits.clone()));
        }
        assertEquals(one.toString(), two.toString());
        Sampler other = new DefaultSamplerFactory().create(
                new SamplerSettings(1.5f, 0, 1f, 0f, 1f, 1f, 0f, 0f, 64, Map.of(), 7L, List.of(), 16));
        StringBuilder three = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            three.append(other.sample(logits.clone()));
        }
        assertNotEquals(one.toString(), three.toString());
    }

    @Test
    void aNaNLogitNeverWins() {
        assertEquals(1, new DefaultSamplerFactory().create(SamplerSettings.greedy()).sample(new float[] {Float.NaN, 0f}));
    }

    @Test
    void lowTemperatureConcentratesOnTheBest() {
        assertEquals(Set.of(1), outcomes(settings(0.01f, 0, 1f, 0f, 1f), new float[] {0f, 1f, 0.5f}));
    }
}
