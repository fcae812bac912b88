package dev.kiln.engine.sampling;

import dev.kiln.api.sampling.Sampler;
import dev.kiln.api.sampling.SamplerSettings;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * llama.cpp's default sampler chain, in its order: logit bias, repetition/frequency/presence
 * penalties over the last {@code penaltyWindow} tokens, then (unless the temperature is 0 or less,
 * which means greedy) top-k, typical-p, top-p, min-p, temperature, and a draw from the remaining
 * distribution with a generator seeded by {@code seed}: the same seed gives the same tokens.
 */
final class ChainSampler implements Sampler {
    private final SamplerSettings settings;
    private final PenaltyWindow window;
    private final SplittableRandom random;
    private final Candidates candidates = new Candidates();

    ChainSampler(SamplerSettings settings) {
        this.settings = settings;
        this.window = new PenaltyWindow(settings.penaltyWindow());
        this.random = new SplittableRandom(settings.seed());
    }

    @Override
    public void accept(int token) {
        window.add(token);
    }

    @Override
    public int sample(float[] logits) {
        candidates.reset(logits);
        applyLogitBias();
        applyPenalties();
        if (settings.temperature() <= 0) {
            return greedy();
        }
        candidates.keepTop(settings.topK());
        typical(settings.typicalP());
        topP(settings.topP());
        minP(settings.minP());
        for (int i = 0; i < candidates.size; i++) {
            candidates.logits[i] /= settings.temperature();
        }
        return draw();
    }

    private void applyLogitBias() {
        for (Map.Entry<Integer, Float> bias : settings.logitBias().entrySet()) {
            int id = bias.getKey();
            if (id >= 0 && id < candidates.size) {
                candidates.logits[id] += bias.getValue();
            }
        }
    }

    private void applyPenalties() {
        float repeat = settings.repeatPenalty();
        float frequency = settings.frequencyPenalty();
        float presence = settings.presencePenalty();
        if (repeat == 1f && frequency == 0f && presence == 0f) {
            return;
        }
        for (Map.Entry<Integer, Integer> seen : window.counts().entrySet()) {
            int id = seen.getKey();
            if (id < 0 || id >= candidates.size) {
                continue;
            }
            float logit = candidates.logits[id];
            // Dividing a negative logit would raise it, so negative logits are multiplied instead.
            logit = logit <= 0 ? logit * repeat : logit / repeat;
            candidates.logits[id] = logit - seen.getValue() * frequency - presence;
        }
    }

    private int greedy() {
        int best = 0;
        for (int i = 1; i < candidates.size; i++) {
            if (candidates.logits[i] > candidates.logits[best]) {
                best = i;
            }
        }
        return candidates.ids[best];
    }

    /** Locally typical sampling: keep the tokens whose surprise is closest to the entropy, up to mass {@code p}. */
    private void typical(float p) {
        if (p >= 1f || candidates.size <= 1) {
            return;
        }
        candidates.softmax();
        double entropy = 0;
        for (int i = 0; i < candidates.size; i++) {
            float q = candidates.probabilities[i];
            if (q > 0) {
                entropy -= q * Math.log(q);
            }
        }
        int n = candidates.size;
        Integer[] order = new Integer[n];
        float[] shift = new float[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            float q = candidates.probabilities[i];
            shift[i] = (float) Math.abs(-Math.log(q) - entropy);
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(shift[a], shift[b]));
        double mass = 0;
        int keep = n;
        for (int i = 0; i < n; i++) {
            mass += candidates.probabilities[order[i]];
            if (mass > p) {
                keep = i + 1;
                break;
            }
        }
        // Keep the chosen ones in logit order, so later filters see sorted candidates.
        boolean[] kept = new boolean[n];
        for (int i = 0; i < keep; i++) {
            kept[order[i]] = true;
        }
        compact(kept);
    }

    /** Nucleus sampling: the smallest set of most likely tokens whose mass reaches {@code p}. */
    private void topP(float p) {
        if (p >= 1f) {
            return;
        }
        candidates.sortDescending();
        candidates.softmax();
        double mass = 0;
        for (int i = 0; i < candidates.size; i++) {
            mass += candidates.probabilities[i];
            if (mass >= p) {
                candidates.size = i + 1;
                return;
            }
        }
    }

    /** Drops tokens less likely than {@code p} times the most likely one. */
    private void minP(float p) {
        if (p <= 0f) {
            return;
        }
        candidates.sortDescending();
        float threshold = candidates.logits[0] + (float) Math.log(p);
        int keep = 1;
        while (keep < candidates.size && candidates.logits[keep] >= threshold) {
            keep++;
        }
        candidates.size = keep;
    }

    private int draw() {
        candidates.softmax();
        double r = random.nextDouble();
        double mass = 0;
        for (int i = 0; i < candidates.size; i++) {
            mass += candidates.probabilities[i];
            if (r < mass) {
                return candidates.ids[i];
            }
        }
        return candidates.ids[candidates.size - 1];
    }

    private void compact(boolean[] kept) {
        int out = 0;
        for (int i = 0; i < candidates.size; i++) {
            if (kept[i]) {
                candidates.ids[out] = candidates.ids[i];
                candidates.logits[out] = candidates.logits[i];
                out++;
            }
        }
        candidates.size = out;
    }
}
