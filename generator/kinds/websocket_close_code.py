"""IANA's WebSocket Close Code Number registry (RFC 6455, Section 11.7)."""

from ..table import Column, Subset, Table

TABLE = Table(
    name="websocket-close-code",
    title="WebSocket Close Code Number Registry",
    url="https://www.iana.org/assignments/websocket/websocket-4.csv",
    iana_file="websocket-close-code-number.csv",
    iana_header=("Status Code", "Meaning", "Contact", "Reference"),
    value_column="Status Code",
    name_column="Meaning",
    module="websocket_close_codes",
    class_name="WebSocketCloseCode",
    summary="The status code of a WebSocket Close frame (RFC 6455, Section 7.4). IANA names codes in prose; the constants are the names websockets' CloseCode gives them, and the aliases aiohttp's.",
    columns=(
        Column("contact", str, "Whom to ask about the registration.", iana="Contact"),
        Column(
            "sent",
            bool,
            "False for a code an endpoint must not send in a Close frame (RFC 6455, Section 7.4.1).",
        ),
    ),
    subsets=(
        Subset(
            "WEBSOCKET_UNSENT_CLOSE_CODES",
            "RFC 6455, Section 7.4.1: the codes that stand for a Close frame's absence "
            "or a failed handshake, which an endpoint must not send in one.",
            lambda entry: entry.sent is False,
        ),
    ),
    space=(0, 4999),
    position=30,
)
