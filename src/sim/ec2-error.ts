/** An EC2 API error the simulator answers with: code, message and HTTP status, as AWS sends them. */
export class Ec2Error extends Error {
  override readonly name = 'Ec2Error';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
