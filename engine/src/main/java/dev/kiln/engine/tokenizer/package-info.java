/**
 * Tokenizers built from GGUF metadata, matching the reference token for token: SentencePiece-style
 * BPE over scores ({@code llama}) and byte-level BPE with per-model pre-tokenizers ({@code gpt2}).
 */
package dev.kiln.engine.tokenizer;
