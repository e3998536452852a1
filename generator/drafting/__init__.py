"""Stage: Facts + Outline + Library become a plain Draft. Entry: compose.compose."""
