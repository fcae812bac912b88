package dev.kiln.quant.i;

/**
 * The lattices of the seven lattice codebooks, each built on first use (the IQ1 one takes a
 * moment) by the holder-class idiom, so that a codec that never quantizes never pays for it.
 * Level mappings from the format description: IQ2 bytes 8, 25, 43 → 0, 1, 2; IQ3_XXS bytes
 * 4, 12, …, 52, 62 → 0…7; IQ3_S byte 2l+1; IQ1 signed byte l−1.
 */
final class Lattices {
    private Lattices() {
    }

    private static int iq2Level(int b) {
        return switch (b) {
            case 8 -> 0;
            case 25 -> 1;
            case 43 -> 2;
            default -> throw new IllegalStateException("unexpected IQ2 grid byte " + b);
        };
    }

    private static int iq3xxsLevel(int b) {
        return b == 62 ? 7 : (b - 4) / 8;
    }

    static final class Iq2Xxs {
        static final Lattice LATTICE = new Lattice(QuantTables.IQ2XXS_GRID, 8, 2, Lattices::iq2Level, 3, 2);
    }

    static final class Iq2Xs {
        static final Lattice LATTICE = new Lattice(QuantTables.IQ2XS_GRID, 8, 2, Lattices::iq2Level, 3, 2);
    }

    static final class Iq2S {
        static final Lattice LATTICE = new Lattice(QuantTables.IQ2S_GRID, 8, 2, Lattices::iq2Level, 3, 1);
    }

    static final class Iq3Xxs {
        static final Lattice LATTICE = new Lattice(QuantTables.IQ3XXS_GRID, 4, 3, Lattices::iq3xxsLevel, 8, 2);
    }

    static final class Iq3S {
        static final Lattice LATTICE = new Lattice(QuantTables.IQ3S_GRID, 4, 3, b -> (b - 1) / 2, 8, 3);
    }

    static final class Iq1 {
        static final Lattice LATTICE = new Lattice(QuantTables.IQ1S_GRID, 8, 2, b -> b + 1, 3, 3);
    }
}
