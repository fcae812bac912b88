package dev.kiln.quant.i.bench;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.quant.i.Iq1MCodec;
import dev.kiln.quant.i.Iq1SCodec;
import dev.kiln.quant.i.Iq2SCodec;
import dev.kiln.quant.i.Iq2XsCodec;
import dev.kiln.quant.i.Iq2XxsCodec;
import dev.kiln.quant.i.Iq3SCodec;
import dev.kiln.quant.i.Iq3XxsCodec;
import dev.kiln.quant.i.Iq4NlCodec;
import dev.kiln.quant.i.Iq4XsCodec;
import dev.kiln.quant.i.Mxfp4Codec;
import dev.kiln.quant.i.Tq1Codec;
import dev.kiln.quant.i.Tq2Codec;

/** The codec of a type, constructed directly (benchmarks run on the class path, where no module provides are seen). */
final class BenchCodecs {
    private BenchCodecs() {
    }

    static QuantCodec byType(GgmlType type) {
        return switch (type) {
            case IQ1_S -> new Iq1SCodec();
            case IQ1_M -> new Iq1MCodec();
            case IQ2_XXS -> new Iq2XxsCodec();
            case IQ2_XS -> new Iq2XsCodec();
            case IQ2_S -> new Iq2SCodec();
            case IQ3_XXS -> new Iq3XxsCodec();
            case IQ3_S -> new Iq3SCodec();
            case IQ4_NL -> new Iq4NlCodec();
            case IQ4_XS -> new Iq4XsCodec();
            case TQ1_0 -> new Tq1Codec();
            case TQ2_0 -> new Tq2Codec();
            case MXFP4 -> new Mxfp4Codec();
            default -> throw new IllegalArgumentException("no I-quant codec for " + type);
        };
    }
}
