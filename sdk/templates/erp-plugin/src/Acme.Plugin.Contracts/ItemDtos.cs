using System.ComponentModel.DataAnnotations;

namespace Acme.Plugin;

public sealed record ItemDto(Guid Id, string Code, string Name, bool Active);

public sealed record SaveItemRequest(
    [Required, StringLength(32), RegularExpression("^[A-Z0-9-]+$", ErrorMessage = "acme-plugin.item.code-format")] string Code,
    [Required, StringLength(200)] string Name,
    bool Active = true);
