using System.Globalization;

namespace Fulfillment.LoadBenchmark;

/// <summary>CPU time from <c>/proc/PID/stat</c> (utime + stime, and the reaped children's for a parent that forks).</summary>
public static class CpuTimes
{
    /// <summary>Linux's USER_HZ: the unit of the times in /proc/PID/stat (100 on every mainstream build).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The process' own CPU seconds, or null when it is gone.</summary>
    public static double? Of(int processId) => Read(processId) is { } stat ? (stat.User + stat.System) / TicksPerSecond : null;

    /// <summary>
    /// A forking server (PostgreSQL's postmaster): its own time, that of its children that exited (reaped into its
    /// cutime/cstime) and that of its live children, so backends that come and go are counted once.
    /// </summary>
    public static double? OfTree(int parentId)
    {
        if (Read(parentId) is not { } parent)
        {
            return null;
        }

        var ticks = parent.User + parent.System + parent.ChildUser + parent.ChildSystem;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { } child && child.Parent == parentId)
            {
                ticks += child.User + child.System;
            }
        }

        return ticks / TicksPerSecond;
    }

    public static int? ParentOf(int processId) => Read(processId)?.Parent;

    private static (int Parent, long User, long System, long ChildUser, long ChildSystem)? Read(int processId)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14-17.
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture),
            long.Parse(fields[12], CultureInfo.InvariantCulture), long.Parse(fields[13], CultureInfo.InvariantCulture),
            long.Parse(fields[14], CultureInfo.InvariantCulture));
    }
}
