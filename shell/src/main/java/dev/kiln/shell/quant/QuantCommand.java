package dev.kiln.shell.quant;

import dev.kiln.api.quant.QuantCodec;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code kiln:quant quantize|dequantize ...}: quantizes raw float32 files to any installed codec's
 * type and back. The work is {@link QuantTool}'s; refusals surface as exceptions, which the shell
 * reports and turns into a non-zero exit status.
 */
@Component(service = QuantCommand.class, property = {"osgi.command.scope=kiln", "osgi.command.function=quant"})
public final class QuantCommand {
    /** Every codec service, whichever bundle registers it (K-quants, I-quants, ...), tracked as they come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<QuantCodec> codecs = List.of();

    public void quant(String... args) {
        System.out.println(new QuantTool(codecs).run(args));
    }
}
