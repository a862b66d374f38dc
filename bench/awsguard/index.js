// AWSGuard, Pulumi's own AWS policy pack, with every policy at its default level.
const { AwsGuard } = require("@pulumi/awsguard");
new AwsGuard({ all: "advisory" });
