package dev.kiln.shell.catalog;

import dev.kiln.api.backend.ComputeBackend;
import dev.kiln.api.backend.Device;
import dev.kiln.api.format.ModelFormat;
import dev.kiln.api.model.ModelArchitecture;
import dev.kiln.api.placement.PlacementPolicy;
import dev.kiln.api.quant.QuantCodec;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code kiln:backends}, {@code kiln:codecs}, {@code kiln:formats}, {@code kiln:policies} and
 * {@code kiln:architectures}: what services are registered right now, and from which bundle.
 * The references are dynamic, so a bundle dropped into or removed from {@code deploy/} shows at once.
 */
@Component(service = CatalogCommands.class, property = {
        "osgi.command.scope=kiln",
        "osgi.command.function=backends",
        "osgi.command.function=codecs",
        "osgi.command.function=formats",
        "osgi.command.function=policies",
        "osgi.command.function=architectures"})
public class CatalogCommands {
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ComputeBackend> backends;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<QuantCodec> codecs;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ModelFormat> formats;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PlacementPolicy> policies;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ModelArchitecture> architectures;

    @Descriptor("list compute backends and their devices")
    public void backends() {
        TextTable table = new TextTable("BACKEND", "DEVICES", "BUNDLE");
        for (ComputeBackend backend : sorted(backends, Comparator.comparing(ComputeBackend::name))) {
            String devices = backend.devices().stream().map(Device::id).collect(Collectors.joining(","));
            table.row(backend.name(), devices.isEmpty() ? "-" : devices, ServiceOrigin.of(backend));
        }
        print(table, "backends", "a backend bundle");
    }

    @Descriptor("list tensor-type codecs")
    public void codecs() {
        TextTable table = new TextTable("TYPE", "ID", "BLOCK", "BYTES", "BITS/W", "ACTIVATION", "BUNDLE");
        for (QuantCodec codec : sorted(codecs, Comparator.comparingInt(c -> c.type().id()))) {
            var type = codec.type();
            table.row(type.ggmlName(), type.id(), type.blockSize(), type.blockBytes(),
                    String.format("%.4f", type.bitsPerWeight()), codec.activationType().ggmlName(),
                    ServiceOrigin.of(codec));
        }
        print(table, "codecs", "a codec bundle");
    }

    @Descriptor("list model file formats")
    public void formats() {
        TextTable table = new TextTable("FORMAT", "BUNDLE");
        for (ModelFormat format : sorted(formats, Comparator.comparing(ModelFormat::name))) {
            table.row(format.name(), ServiceOrigin.of(format));
        }
        print(table, "formats", "a format bundle");
    }

    @Descriptor("list placement policies")
    public void policies() {
        TextTable table = new TextTable("POLICY", "BUNDLE");
        for (PlacementPolicy policy : sorted(policies, Comparator.comparing(PlacementPolicy::name))) {
            table.row(policy.name(), ServiceOrigin.of(policy));
        }
        print(table, "placement policies", "the placement bundle");
    }

    @Descriptor("list model architectures")
    public void architectures() {
        TextTable table = new TextTable("ARCHITECTURES", "BUNDLE");
        for (ModelArchitecture architecture : sorted(architectures, Comparator.comparing(a -> a.architectures().toString()))) {
            table.row(String.join(",", architecture.architectures().stream().sorted().toList()), ServiceOrigin.of(architecture));
        }
        print(table, "architectures", "the engine bundle");
    }

    private static <T> List<T> sorted(List<T> services, Comparator<T> order) {
        return services == null ? List.of() : services.stream().sorted(order).toList();
    }

    private static void print(TextTable table, String what, String remedy) {
        if (table.size() == 0) {
            System.out.println("No " + what + " registered; install " + remedy + " into deploy/.");
        } else {
            System.out.print(table.render());
        }
    }
}
