"""Demo mode: each vendor's own onboarding story, on a believable little internet on loopback.

`stories` reads the stories (data beside the vendor profiles), `internet` builds the DNS and web
world they run on, `panel` plays the manual path's planted mistakes, `pace` says how fast it all
moves, and `environment` starts it and hands the wizard an `Environment`.
"""

from wizard.demo.environment import (
    DEMO_ZONE,
    SAMPLE_PASTE,
    demo_environment,
    demo_journal_path,
    replay,
)
from wizard.demo.pace import PACES, Pace
from wizard.demo.stories import Story, all_stories, load_story

__all__ = [
    "DEMO_ZONE",
    "PACES",
    "SAMPLE_PASTE",
    "Pace",
    "Story",
    "all_stories",
    "demo_environment",
    "demo_journal_path",
    "load_story",
    "replay",
]
