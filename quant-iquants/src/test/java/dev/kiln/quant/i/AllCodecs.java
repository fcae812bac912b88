package dev.kiln.quant.i;

import dev.kiln.api.tensor.GgmlType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every codec of this module, as the tests construct them (unit tests run on the class path, without ServiceLoader wiring). */
final class AllCodecs {
    private AllCodecs() {
    }

    static List<BlockCodec> list() {
        return List.of(new Iq1SCodec(), new Iq1MCodec(), new Iq2XxsCodec(), new Iq2XsCodec(), new Iq2SCodec(),
                new Iq3XxsCodec(), new Iq3SCodec(), new Iq4NlCodec(), new Iq4XsCodec(), new Tq1Codec(), new Tq2Codec(),
                new Mxfp4Codec());
    }

    static Map<GgmlType, BlockCodec> byType() {
        return list().stream().collect(Collectors.toMap(BlockCodec::type, Function.identity()));
    }
}
