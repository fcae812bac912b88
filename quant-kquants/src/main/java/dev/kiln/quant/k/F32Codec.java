package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/** F32: plain little-endian floats; dot products pair it with F32 activations. */
@Component(service = QuantCodec.class)
public final class F32Codec extends BlockCodec {
    public F32Codec() {
        super(GgmlType.F32, GgmlType.F32);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        y[yo] = Le.f32(src, at);
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        for (int i = 0; i < cols; i++) {
            Le.putInt(out, 4 * i, Float.floatToRawIntBits(x[xo + i]));
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Le.f32(w, wo + 4L * i) * Le.f32(a, ao + 4L * i);
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        FloatVector acc = FloatVector.zero(Simd.FLOATS);
        int lanes = Simd.LANES;
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            FloatVector x = FloatVector.fromMemorySegment(Simd.FLOATS, w, wo + 4L * i, ByteOrder.LITTLE_ENDIAN);
            FloatVector y = FloatVector.fromMemorySegment(Simd.FLOATS, a, ao + 4L * i, ByteOrder.LITTLE_ENDIAN);
            acc = x.fma(y, acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < count; i++) {
            sum += Le.f32(w, wo + 4L * i) * Le.f32(a, ao + 4L * i);
        }
        return sum;
    }
}
