"""The settings of a scoring run: every number of the method is one (BRIEF, "Method, version 1")."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mes.defaults import DEFAULT_CONFIDENCE, DEFAULT_MIN_GROUP_SIZE
from mes.privacy import LOWEST_MIN_GROUP_SIZE


class Settings(BaseModel):
    """Thresholds and options that decide the figures; shown in every output's footer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_group_size: int = Field(default=DEFAULT_MIN_GROUP_SIZE, ge=LOWEST_MIN_GROUP_SIZE)
    confidence: float = Field(default=DEFAULT_CONFIDENCE, gt=0.5, lt=1.0)
    energetic_at: float = Field(default=75.0, ge=0, le=100)
    favourable_at: float = Field(default=75.0, ge=0, le=100)
    unfavourable_at: float = Field(default=25.0, ge=0, le=100)
    reliability_warning_below: float = 0.70

    @model_validator(mode="after")
    def _ordered(self) -> Settings:
        if self.unfavourable_at >= self.favourable_at:
            raise ValueError("the unfavourable threshold must be below the favourable one")
        return self
