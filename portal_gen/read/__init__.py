"""Files in: the portal's folders walked safely, YAML and front matter parsed with positions.
Returns what was read and every problem met; never validates."""
