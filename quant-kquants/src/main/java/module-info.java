/** Codecs for float, legacy and K-quant tensor types. */
module dev.kiln.quant.k {
    requires dev.kiln.api;
    requires jdk.incubator.vector;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    provides dev.kiln.api.quant.QuantCodec with
            dev.kiln.quant.k.F32Codec,
            dev.kiln.quant.k.F16Codec,
            dev.kiln.quant.k.BF16Codec,
            dev.kiln.quant.k.Q4_0Codec,
            dev.kiln.quant.k.Q4_1Codec,
            dev.kiln.quant.k.Q5_0Codec,
            dev.kiln.quant.k.Q5_1Codec,
            dev.kiln.quant.k.Q8_0Codec,
            dev.kiln.quant.k.Q8_1Codec,
            dev.kiln.quant.k.Q2_KCodec,
            dev.kiln.quant.k.Q3_KCodec,
            dev.kiln.quant.k.Q4_KCodec,
            dev.kiln.quant.k.Q5_KCodec,
            dev.kiln.quant.k.Q6_KCodec,
            dev.kiln.quant.k.Q8_KCodec;
}
