"""A fake LangChain chat model for the LLM tests (extractor and judge): no network, scripted answers."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel


class ToolCallingFake(GenericFakeChatModel):
    """A fake chat model that answers with a tool call, as real tool-calling models do for structured output."""

    seen: list = []

    def bind_tools(self, tools, **kwargs):
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.seen.append(messages)
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)
