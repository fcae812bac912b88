package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/** BF16: the upper half of a float32; dot products pair it with BF16 activations. */
@Component(service = QuantCodec.class)
public final class BF16Codec extends BlockCodec {
    public BF16Codec() {
        super(GgmlType.BF16, GgmlType.BF16);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        y[yo] = Le.bf16ToFloat(Le.s16(src, at));
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        for (int i = 0; i < cols; i++) {
            Le.putShort(out, 2 * i, Le.toBf16(x[xo + i]));
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Le.bf16ToFloat(Le.s16(w, wo + 2L * i)) * Le.bf16ToFloat(Le.s16(a, ao + 2L * i));
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        FloatVector acc = FloatVector.zero(Simd.FLOATS);
        int lanes = Simd.LANES;
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            FloatVector x = Simd.words(w, wo + 2L * i).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            FloatVector y = Simd.words(a, ao + 2L * i).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            acc = x.fma(y, acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < count; i++) {
            sum += Le.bf16ToFloat(Le.s16(w, wo + 2L * i)) * Le.bf16ToFloat(Le.s16(a, ao + 2L * i));
        }
        return sum;
    }
}
