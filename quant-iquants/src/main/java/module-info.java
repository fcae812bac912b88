/** Codecs for I-quant, ternary and FP4 tensor types. */
module dev.kiln.quant.i {
    requires dev.kiln.api;
    requires jdk.incubator.vector;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    provides dev.kiln.api.quant.QuantCodec with
            dev.kiln.quant.i.Iq1SCodec,
            dev.kiln.quant.i.Iq1MCodec,
            dev.kiln.quant.i.Iq2XxsCodec,
            dev.kiln.quant.i.Iq2XsCodec,
            dev.kiln.quant.i.Iq2SCodec,
            dev.kiln.quant.i.Iq3XxsCodec,
            dev.kiln.quant.i.Iq3SCodec,
            dev.kiln.quant.i.Iq4NlCodec,
            dev.kiln.quant.i.Iq4XsCodec,
            dev.kiln.quant.i.Tq1Codec,
            dev.kiln.quant.i.Tq2Codec,
            dev.kiln.quant.i.Mxfp4Codec;
}
