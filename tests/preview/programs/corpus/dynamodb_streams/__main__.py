import pulumi_aws as aws

table = aws.dynamodb.Table(
    "sessions",
    billing_mode="PAY_PER_REQUEST",
    hash_key="id",
    attributes=[{"name": "id", "type": "S"}],
    point_in_time_recovery={"enabled": True},
    server_side_encryption={"enabled": True},
    stream_enabled=True,
    stream_view_type="NEW_IMAGE",
)
topic = aws.sns.Topic("sessions-alarms")
aws.cloudwatch.MetricAlarm(
    "throttles",
    comparison_operator="GreaterThanThreshold",
    evaluation_periods=1,
    metric_name="ThrottledRequests",
    namespace="AWS/DynamoDB",
    period=300,
    statistic="Sum",
    threshold=0,
    dimensions={"TableName": table.name},
    alarm_actions=[topic],
)
