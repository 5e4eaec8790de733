from .users import User

__all__ = ["User"]
