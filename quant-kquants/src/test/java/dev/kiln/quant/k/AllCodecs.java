package dev.kiln.quant.k;

import dev.kiln.api.tensor.GgmlType;
import java.util.List;

/** Every codec of the bundle, instantiated as a plain module-path user would. */
final class AllCodecs {
    private AllCodecs() {
    }

    static List<BlockCodec> list() {
        return List.of(new F32Codec(), new F16Codec(), new BF16Codec(), new Q4_0Codec(), new Q4_1Codec(),
                new Q5_0Codec(), new Q5_1Codec(), new Q8_0Codec(), new Q8_1Codec(), new Q2_KCodec(),
                new Q3_KCodec(), new Q4_KCodec(), new Q5_KCodec(), new Q6_KCodec(), new Q8_KCodec());
    }

    static BlockCodec of(GgmlType type) {
        return list().stream().filter(c -> c.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no codec for " + type));
    }
}
