"""A tiny BERT base model built locally, for honest tests of training and inference code.

No model hub: a WordPiece tokenizer is trained with `tokenizers` on real judgment texts, and
a BertConfig(hidden 64, 2 layers, 2 heads, intermediate 128) model with random weights is
saved next to it with `save_pretrained`. It learns nothing useful about Dutch law; it only
has the shape of a real base model, so `vonnis train` runs the same code as on a real one.

Usable from the command line too (e.g. for a manual run of `vonnis train`):
    .venv/bin/python -m tests.tiny_model OUT_DIR [TEXT_FOLDER ...]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def corpus_texts(folders: Iterable[Path]) -> Iterator[str]:
    """The `text` of every JSON judgment and the body of every .txt in the folders."""
    for folder in folders:
        for path in sorted(Path(folder).glob("*")):
            if path.suffix == ".json":
                data = json.loads(path.read_text(encoding="utf-8"))
                for key in ("inhoudsindicatie", "text"):
                    if isinstance(data.get(key), str) and data[key].strip():
                        yield data[key]
            elif path.suffix == ".txt":
                yield path.read_text(encoding="utf-8")


def build_tiny_base_model(out: Path, texts: Iterable[str], *, vocab_size: int = 3000,
                          max_positions: int = 512, seed: int = 0, arch: str = "bert") -> Path:
    """Train the tokenizer on `texts`, save tokenizer + random tiny BERT in `out`.

    arch="roberta" builds the RoBERTa shape instead (byte-level BPE, <s>/</s>/<pad>=1, and
    two extra position embeddings), the family of the Dutch RobBERT models."""
    if arch == "roberta":
        return _build_tiny_roberta(out, texts, vocab_size=vocab_size,
                                   max_positions=max_positions, seed=seed)
    import transformers
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from tokenizers.trainers import WordPieceTrainer

    texts = [t for t in texts if t.strip()]
    if not texts:
        raise ValueError("no text to train the tokenizer on")
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece()
    tokenizer.train_from_iterator(
        texts, WordPieceTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS,
                                show_progress=False))
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]", model_max_length=max_positions)

    transformers.set_seed(seed)
    config = transformers.BertConfig(
        vocab_size=tokenizer.get_vocab_size(), hidden_size=64, num_hidden_layers=2,
        num_attention_heads=2, intermediate_size=128, max_position_embeddings=max_positions)
    model = transformers.BertModel(config)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    fast.save_pretrained(str(out))
    return out


def _build_tiny_roberta(out: Path, texts: Iterable[str], *, vocab_size: int,
                        max_positions: int, seed: int) -> Path:
    import transformers
    from tokenizers import ByteLevelBPETokenizer, processors

    texts = [t for t in texts if t.strip()]
    if not texts:
        raise ValueError("no text to train the tokenizer on")
    tokenizer = ByteLevelBPETokenizer()
    tokenizer.train_from_iterator(texts, vocab_size=vocab_size, show_progress=False,
                                  special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    tokenizer.post_processor = processors.RobertaProcessing(
        ("</s>", tokenizer.token_to_id("</s>")), ("<s>", tokenizer.token_to_id("<s>")),
        trim_offsets=True)
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tokenizer._tokenizer, bos_token="<s>", eos_token="</s>",
        unk_token="<unk>", pad_token="<pad>", cls_token="<s>", sep_token="</s>",
        mask_token="<mask>", model_max_length=max_positions)
    transformers.set_seed(seed)
    config = transformers.RobertaConfig(
        vocab_size=tokenizer.get_vocab_size(), hidden_size=64, num_hidden_layers=2,
        num_attention_heads=2, intermediate_size=128, max_position_embeddings=max_positions + 2,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, type_vocab_size=1)
    model = transformers.RobertaModel(config)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    fast.save_pretrained(str(out))
    return out


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python -m tests.tiny_model OUT_DIR [TEXT_FOLDER ...]")
    repo = Path(__file__).resolve().parent.parent
    folders = [Path(p) for p in sys.argv[2:]] or [
        repo.parent / "shared" / "corpus" / "criminal_full",
        repo.parent / "shared" / "corpus" / "trafficking",
    ]
    print(build_tiny_base_model(Path(sys.argv[1]), corpus_texts(folders)))
