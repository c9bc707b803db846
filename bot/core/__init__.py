"""Bot core: platform-independent commands and the replies they produce."""
