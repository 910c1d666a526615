namespace Erp.Kernel.Modularity;

/// <summary>Orders items so that each comes after everything it depends on.</summary>
public static class ModuleGraph
{
    /// <summary>
    /// Sorts <paramref name="items"/> by dependency, keeping the given order where dependencies allow.
    /// Throws <see cref="ModuleDependencyException"/> naming the modules involved when an id is unknown or
    /// the dependencies form a cycle.
    /// </summary>
    public static IReadOnlyList<T> Sort<T>(IReadOnlyList<T> items, Func<T, string> id, Func<T, IEnumerable<string>> dependsOn)
    {
        var byId = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!byId.TryAdd(id(item), item))
                throw new ModuleDependencyException($"Module '{id(item)}' is registered twice.", [id(item)]);
        }

        foreach (var item in items)
        {
            foreach (var dependency in dependsOn(item).Where(d => !byId.ContainsKey(d)))
                throw new ModuleDependencyException($"Module '{id(item)}' depends on '{dependency}', which is not loaded.", [id(item), dependency]);
        }

        var sorted = new List<T>(items.Count);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        var path = new Stack<string>();

        void Visit(T item)
        {
            var itemId = id(item);
            if (state.TryGetValue(itemId, out var done))
            {
                if (done) return;
                var cycle = path.Reverse().SkipWhile(p => p != itemId).Append(itemId).ToArray();
                throw new ModuleDependencyException($"Module dependency cycle: {string.Join(" -> ", cycle)}.", cycle[..^1]);
            }

            state[itemId] = false;
            path.Push(itemId);
            foreach (var dependency in dependsOn(item))
                Visit(byId[dependency]);
            path.Pop();
            state[itemId] = true;
            sorted.Add(item);
        }

        foreach (var item in items)
            Visit(item);
        return sorted;
    }
}

/// <summary>The modules cannot be put in an order: a missing dependency, a duplicate or a cycle.</summary>
public sealed class ModuleDependencyException(string message, IReadOnlyList<string> modules) : Exception(message)
{
    /// <summary>The modules involved: the one with the problem first.</summary>
    public IReadOnlyList<string> Modules { get; } = modules;
}
