"""The trainable verdict model: the rebuilt e5 as a 3-way sequence classifier with its lower part frozen."""

from __future__ import annotations

from pathlib import Path

from factcheck.train.data import LABELS


def build_classifier(base: Path, seed: int):
    """(tokenizer, model): e5 BertForSequenceClassification with a fresh, seeded pooler and 3-way head."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=len(LABELS), id2label=dict(enumerate(LABELS)),
        label2id={name: i for i, name in enumerate(LABELS)})
    with torch.no_grad():  # the folder's pooler is untrained: re-initialise it from the seed
        model.bert.pooler.dense.weight.normal_(0.0, 0.02)
        model.bert.pooler.dense.bias.zero_()
    return tokenizer, model


def trained_prefixes(first_trained_layer: int, n_layers: int) -> list[str]:
    """Parameter-name prefixes that training changes (and that ship): upper layers, pooler, classifier."""
    layers = [f"bert.encoder.layer.{i}." for i in range(first_trained_layer, n_layers)]
    return layers + ["bert.pooler.", "classifier."]


def freeze_lower(model, first_trained_layer: int) -> list[str]:
    """Freeze embeddings and layers below first_trained_layer; return the names of trainable parameters."""
    prefixes = trained_prefixes(first_trained_layer, model.config.num_hidden_layers)
    names = []
    for name, param in model.named_parameters():
        param.requires_grad = name.startswith(tuple(prefixes))
        if param.requires_grad:
            names.append(name)
    return names


def set_train_mode(model, first_trained_layer: int) -> None:
    """Train mode (dropout) for the trained part only; frozen layers stay deterministic."""
    model.train()
    model.bert.embeddings.eval()
    for layer in model.bert.encoder.layer[:first_trained_layer]:
        layer.eval()


def trained_state(model, first_trained_layer: int) -> dict:
    """The parameters training changes, as a name -> tensor dict (what gets shipped)."""
    prefixes = tuple(trained_prefixes(first_trained_layer, model.config.num_hidden_layers))
    return {k: v.detach().clone() for k, v in model.state_dict().items() if k.startswith(prefixes)}


def param_groups(model, lr_layers: float, lr_head: float, weight_decay: float) -> list[dict]:
    """AdamW groups: encoder layers at lr_layers, pooler and classifier at lr_head; no decay on norms/biases."""
    groups: dict[tuple, list] = {}
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        lr = lr_layers if ".encoder.layer." in name else lr_head
        decay = 0.0 if name.endswith("bias") or "LayerNorm" in name else weight_decay
        groups.setdefault((lr, decay), []).append(param)
    return [{"params": ps, "lr": lr, "weight_decay": wd} for (lr, wd), ps in groups.items()]
