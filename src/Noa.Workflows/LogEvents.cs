namespace Noa.Workflows;

/// <summary>The event ids of this assembly's log messages, in one place so they never collide.</summary>
internal static class LogEvents
{
    public const int RunStarted = 1001;
    public const int RunCompleted = 1002;
    public const int RunResumed = 1003;
    public const int AttemptAbandoned = 1004;
    public const int StageFailed = 1010;
    public const int StageRetrying = 1011;
    public const int StageThrew = 1012;
    public const int EventNotPublished = 1020;
    public const int WorkspaceNotDeleted = 1021;
    public const int RunCrashed = 1022;
    public const int StartRunIgnored = 1030;
    public const int StartRunMalformed = 1031;
    public const int RunRequeued = 1032;
    public const int RunNotStarted = 1033;
    public const int CancelRequested = 1034;
    public const int SchedulerReadFailed = 1035;
    public const int GroupNotDeleted = 1036;
    public const int ResultGroupNotDeleted = 1037;
    public const int ResultsReadFailed = 1040;
    public const int ResultIgnored = 1041;
    public const int TaskStarted = 1042;
    public const int TaskDropped = 1043;
    public const int TaskAborted = 1044;
    public const int TaskFailed = 1045;
    public const int HeartbeatFailed = 1046;
    public const int TaskQueueReadFailed = 1047;
    public const int ScratchNotDeleted = 1048;
    public const int RunTakenOver = 1050;
    public const int RunLeaseLost = 1051;
    public const int RunLeaseRenewalFailed = 1052;
    public const int RetryPollFailed = 1060;
    public const int RetryDropped = 1061;
    public const int DelayedNotCancelled = 1062;
    public const int RunLeaseOfRunLost = 1070;
    public const int RunLeaseOfRunNotRenewed = 1071;
    public const int RunInterrupted = 1072;
    public const int RunRecovered = 1073;
    public const int RunAbandonedForGood = 1074;
    public const int RecoveryFailed = 1075;
    public const int RunEndedOrphaned = 1076;
    public const int RunLeaseNotReleased = 1077;
    public const int RunNotRecorded = 1078;
    public const int CancelFailed = 1079;
    public const int WorkspaceSwept = 1080;
    public const int JanitorFailed = 1081;
}
