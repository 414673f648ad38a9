namespace Noa.Stages.Intake;

/// <summary>Raised inside <c>SocketsHttpHandler.ConnectCallback</c> (which can only fail by throwing) when a
/// connection, e.g. after a redirect or a DNS change, would reach a refused address. Caught by the downloader.</summary>
internal sealed class AddressRefusedException(string message) : Exception(message);
