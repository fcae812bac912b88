package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/** F16: IEEE half floats; dot products pair it with F16 activations, as ggml does. */
@Component(service = QuantCodec.class)
public final class F16Codec extends BlockCodec {
    /** 2^112: rescales a half's exponent field, shifted into float32 position, to float32's bias. */
    private static final float HALF_EXPONENT_REBIAS = 0x1p112f;

    public F16Codec() {
        super(GgmlType.F16, GgmlType.F16);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        y[yo] = Le.half(src, at);
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        for (int i = 0; i < cols; i++) {
            Le.putShort(out, 2 * i, Le.toHalf(x[xo + i]));
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Le.half(w, wo + 2L * i) * Le.half(a, ao + 2L * i);
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        FloatVector acc = FloatVector.zero(Simd.FLOATS);
        int lanes = Simd.LANES;
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            acc = halves(w, wo + 2L * i).fma(halves(a, ao + 2L * i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < count; i++) {
            sum += Le.half(w, wo + 2L * i) * Le.half(a, ao + 2L * i);
        }
        return sum;
    }

    /**
     * LANES halves to floats without a lookup: magnitude bits moved to float32 position and scaled by
     * 2^112 (exact for normals and subnormals), infinities/NaNs given float32's all-ones exponent
     * (NaNs also the quiet bit, as Float.float16ToFloat does), then the sign put back.
     */
    static FloatVector halves(MemorySegment s, long at) {
        IntVector h = Simd.words(s, at);
        IntVector magnitude = h.and(0x7FFF).lanewise(VectorOperators.LSHL, 13);
        FloatVector f = magnitude.reinterpretAsFloats().mul(HALF_EXPONENT_REBIAS);
        IntVector bits = f.reinterpretAsInts();
        IntVector special = bits.or(0x7F800000).blend(bits.or(0x7FC00000), h.and(0x03FF).compare(VectorOperators.NE, 0));
        bits = bits.blend(special, h.and(0x7C00).compare(VectorOperators.EQ, 0x7C00));
        return bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }
}
